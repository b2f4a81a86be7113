//! What the property tests (`core/tests/properties.rs`) and the fuzz targets
//! (`fuzz/`) share: catalogs typed out by hand from the reference, and one
//! model of the rules written apart from the core, so both judge the core
//! against the same second opinion.

// A fixture the core refuses, or that differs from its hand-typed lists,
// must stop the run: this crate is test code only.
#![allow(clippy::panic)]

pub mod fixtures;
pub mod model;

pub use fixtures::*;
pub use model::*;
