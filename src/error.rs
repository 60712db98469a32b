//! The library's one error type. Every message names the path, line or value at fault, so
//! the binary can print it as the whole story.

use std::path::PathBuf;

/// Errors the library reports; the binary maps every one of them to exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid {encoding} text (byte {offset} is malformed); see --encoding")]
    Encoding { path: PathBuf, encoding: String, offset: usize },
    #[error("{path}:{line}: {message}")]
    Malformed { path: PathBuf, line: usize, message: String },
    /// Malformed markup (TMX, XML) where the parser knows the column too.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    #[error("no input: {0}")]
    NoInput(String),
    #[error("{path}: not a zhterm glossary ({message}); run `zhterm build` first")]
    NoGlossary { path: PathBuf, message: String },
    /// Another writer holds the glossary folder's lock (`crate::store::Writer`).
    #[error(
        "{path}: another zhterm is writing this glossary (still locked after waiting {seconds:.0} s); nothing was changed: try again when it has finished, or give a longer --wait"
    )]
    Locked { path: PathBuf, seconds: f64 },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}
