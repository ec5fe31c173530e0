fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(sourced::cli::main())
}
