//! `tuiyi` — the command-line face. (SCAFFOLD — owned by the CLI work.) Argument parsing and printing only.
fn main() {
    let engine = tuiyi_core::Engine::embedded();
    println!("{engine:?}");
}
