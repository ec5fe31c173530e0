//! The integration tests: one binary (one link), one module per area, and
//! one way to run the real `sourced` binary ([`test::Test`]).

mod build;
mod commands;
mod common;
mod concurrency;
mod corpus;
mod fixtures;
mod fuzz_projects;
mod hostile;
mod incremental;
mod output;
mod projects;
mod properties;
mod readme;
mod repository;
mod review;
mod scale;
mod serve;
mod test;
mod workflows;
