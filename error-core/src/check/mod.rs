//! The checks a project runs in its tests: the lock of published codes
//! ([`stability`]) and the helpers that compare committed documents with the
//! catalog ([`testing`]). They may use every other layer.

pub mod stability;
pub mod testing;
