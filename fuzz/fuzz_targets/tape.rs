#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tuiyi_core::fuzzing::tape(data));
