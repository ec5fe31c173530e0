//! The commands beside the pipeline: each reads a project (or the pipeline's
//! result) and does one job. Console output stays in [`crate::cli`].

pub mod find;
pub mod init;
pub mod review;
pub mod seeds;
pub mod serve;
