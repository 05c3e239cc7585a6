//! Where in a value a validator is, kept on the stack: a valid value is checked without
//! allocating, and a path is only built into a `Vec` when an issue is reported.

use super::issue::PathSegment;

/// A position in the value being validated, linked to its parent.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The validated value itself.
    Root,
    /// A field of the value at the parent position.
    Key(&'a Path<'a>, &'static str),
    /// An element of the list at the parent position.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The field `key` below this position.
    pub fn key(&'a self, key: &'static str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The element `index` below this position.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// The segments from the root to here.
    pub fn to_vec(&self) -> Vec<PathSegment> {
        let mut segments = Vec::new();
        let mut at = self;
        loop {
            match at {
                Path::Root => break,
                Path::Key(parent, key) => {
                    segments.push(PathSegment::Key(key));
                    at = parent;
                }
                Path::Index(parent, index) => {
                    segments.push(PathSegment::Index(*index));
                    at = parent;
                }
            }
        }
        segments.reverse();
        segments
    }
}
