#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tuiyi_host::fuzzing::tape(data));
