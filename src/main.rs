//! The page's entry point: everything lives in the library so it can be tested.
fn main() {
    gapcast::start();
}
