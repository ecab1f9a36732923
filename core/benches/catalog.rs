//! Catalog benchmark: the built-in catalog as the page gets it at start (built
//! by generated code, no TOML read), and reading and checking both plans' files,
//! as the page does when a user's own catalog is loaded beside them.
//!
//! Run: `cargo bench -p gapcast-core --bench catalog`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use gapcast_core::catalog::{builtin, builtin_files, load_files, parse};

fn bench(c: &mut Criterion) {
    let files = builtin_files();
    c.bench_function("the built-in catalog, as the page gets it at start (builtin())", |b| b.iter(builtin));
    c.bench_function("read and check both plans' catalogs (184 indicators)", |b| {
        b.iter(|| load_files(black_box(&files)))
    });
    c.bench_function("parse the women's catalog file (TOML only)", |b| b.iter(|| parse::parse(black_box(files[0].1))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
