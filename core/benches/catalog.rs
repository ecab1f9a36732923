//! Catalog benchmark: reading and checking both plans' files, as the page does
//! at every start (and again when the user's catalog files change).
//!
//! Run: `cargo bench -p gapcast-core --bench catalog`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gapcast_core::catalog::{builtin_files, load_files, syntax};

fn bench(c: &mut Criterion) {
    let files = builtin_files();
    c.bench_function("read and check both plans' catalogs (184 indicators)", |b| {
        b.iter(|| load_files(black_box(&files)))
    });
    c.bench_function("parse the women's catalog file (TOML only)", |b| b.iter(|| syntax::parse(black_box(files[0].1))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
