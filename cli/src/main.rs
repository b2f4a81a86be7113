//! The `studio-permissions` binary: the same entry as `python -m
//! studio_permissions` and `npx studio-permissions`.

fn main() {
    std::process::exit(studio_permissions_cli::main(std::env::args_os().skip(1)));
}
