//! A JS string read as UTF-8 bytes a slice at a time ([`TextSource`]), so that
//! CSV text reaches the reader without the whole of it ever being copied
//! into WASM memory (110 MB for a million tickets).
//!
//! Each slice is encoded by the platform's `TextEncoder.encodeInto` straight
//! into a buffer in WASM memory. (wasm-bindgen's own string passing copies
//! the ASCII prefix of a string one `charCodeAt` at a time in JS, which took
//! a fifth of a 100,000-ticket load in Chromium.)

use crate::ingest::TextSource;
use js_sys::JsString;
use wasm_bindgen::prelude::wasm_bindgen;

/// UTF-16 code units converted at a time (16 Ki: 16 to 48 KB of UTF-8). In
/// Chromium 156, encoding 11 MB of CSV took 20–30 ms in slices of this size
/// and 50–85 ms in slices of 1 Mi units.
const SLICE: u32 = 1 << 14;

/// UTF-8 bytes one UTF-16 code unit can become (a surrogate pair: 4 bytes for 2 units).
const MAX_UTF8_PER_UNIT: usize = 3;

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (WHATWG Encoding: always UTF-8, lone surrogates become U+FFFD).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    /// Encodes `source` into `dest`, as much as fits; never splits a character.
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, dest: &mut [u8]) -> EncodeIntoResult;

    /// What `encodeInto` did: code units read and bytes written.
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

/// The UTF-8 bytes of a JS string, converted slice by slice.
pub struct JsText<'a> {
    text: &'a JsString,
    /// Length in UTF-16 code units.
    len: u32,
    /// Code units converted so far.
    at: u32,
    /// The current slice as UTF-8 (the first `filled` bytes of `bytes`),
    /// and how much of it was read.
    bytes: Vec<u8>,
    filled: usize,
    read: usize,
    encoder: TextEncoder,
}

impl<'a> JsText<'a> {
    /// A reader over `text`.
    pub fn new(text: &'a JsString) -> Self {
        JsText { text, len: text.length(), at: 0, bytes: Vec::new(), filled: 0, read: 0, encoder: TextEncoder::new() }
    }

    /// The length of the text in UTF-16 code units (its UTF-8 length for
    /// ASCII text).
    pub fn len_hint(&self) -> usize {
        self.len as usize
    }

    /// Converts the next slice. A slice never ends between the two halves
    /// of a surrogate pair (which would each become U+FFFD): when its last
    /// unit is a high surrogate, that unit starts the next slice. Lone
    /// surrogates become U+FFFD, as when the whole string is passed.
    fn next_slice(&mut self) {
        let mut end = self.at.saturating_add(SLICE).min(self.len);
        if end < self.len && end - self.at > 1 {
            let last = self.text.char_code_at(end - 1);
            if (f64::from(0xD800)..f64::from(0xDC00)).contains(&last) {
                end -= 1;
            }
        }
        let units = end - self.at;
        let room = units as usize * MAX_UTF8_PER_UNIT;
        if self.bytes.len() < room {
            self.bytes.resize(room, 0);
        }
        let done = self.encoder.encode_into(&self.text.slice(self.at, end), &mut self.bytes[..room]);
        // `room` holds any `units` code units, so the whole slice is read;
        // advancing by what was read (at least one unit, so the loop ends)
        // would keep the text whole even if not.
        self.filled = (done.written() as usize).min(room);
        self.read = 0;
        self.at += done.read().clamp(1, units);
    }
}

/// The whole of a JS string as a Rust `String`, converted the same way (the
/// JSON text of a large argument: `Dataset.fromObjects` with 100,000 rows).
pub fn to_string(text: &JsString) -> String {
    let mut reader = JsText::new(text);
    let mut bytes = Vec::with_capacity(reader.len_hint());
    let mut chunk = [0u8; 4096];
    loop {
        let n = reader.read_text(&mut chunk);
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    // encodeInto writes UTF-8; the lossy conversion never replaces anything.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

impl TextSource for JsText<'_> {
    fn read_text(&mut self, out: &mut [u8]) -> usize {
        while self.read == self.filled {
            if self.at >= self.len {
                return 0;
            }
            self.next_slice();
        }
        let n = out.len().min(self.filled - self.read);
        out[..n].copy_from_slice(&self.bytes[self.read..self.read + n]);
        self.read += n;
        n
    }
}
