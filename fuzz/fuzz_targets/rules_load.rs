#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| tuiyi_core::fuzzing::rules_load(data));
