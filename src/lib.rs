//! zhterm builds Chinese→English terminology glossaries from Chinese and bilingual text.
//!
//! The pipeline, one module a stage:
//! [`corpus`] reads files into normalised documents → [`segment`] cuts words (jieba) →
//! [`mine`] ranks Chinese term candidates → [`align`] pairs sentences and finds each term's
//! English equivalent → [`graph`] holds terms and relations → [`store`] saves the glossary →
//! [`export`] writes TBX and CSV → [`lookup`] answers queries → [`check`] finds the segments
//! of a translation that break the glossary. [`pipeline`] runs the build;
//! [`curate`] keeps reviewers' decisions through imports, rebuilds and merges.
//!
//! ```
//! use zhterm::corpus::{normalize::normalize_zh, Document, InputKind};
//! let text = normalize_zh("我们要发展储能产业。储能产业是新动能。发展储能产业。", false);
//! let docs = vec![Document::monolingual("demo".into(), InputKind::Plain, text)];
//! let build = zhterm::pipeline::build(&docs, &Default::default());
//! assert_eq!(build.candidates[0].term, "储能产业");
//! ```
//!
//! The library never prints and never exits; errors are [`Error`] values.

pub mod align;
pub mod bench;
pub mod check;
pub mod corpus;
pub mod curate;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod lexicon;
pub mod lookup;
pub mod memory;
pub mod mine;
pub mod pipeline;
pub mod segment;
pub mod store;

pub use error::{Error, Result};
