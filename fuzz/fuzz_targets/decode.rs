//! Encoding detection and decoding on arbitrary bytes, auto-detected and forced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use zhterm::corpus::encoding::decode;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.txt");
    if let Ok((text, charset)) = decode(path, bytes, None) {
        assert!(!text.contains('\0'));
        assert!(!charset.describe().is_empty());
    }
    for forced in [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::GB18030, encoding_rs::BIG5] {
        let _ = decode(path, bytes, Some(forced));
    }
});
