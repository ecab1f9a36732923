//! (Being built: the indicator detail view.)
