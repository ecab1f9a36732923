//! Gapcast app placeholder during bootstrap.
