//! A JS string read as UTF-8 bytes a slice at a time ([`TextSource`]), so that
//! CSV text reaches the reader without the whole of it ever being copied
//! into WASM memory (110 MB for a million tickets).

use crate::ingest::TextSource;
use js_sys::JsString;

/// UTF-16 code units converted at a time (1 Mi: 1 to 3 MB of UTF-8).
const SLICE: u32 = 1 << 20;

/// The UTF-8 bytes of a JS string, converted slice by slice.
pub struct JsText<'a> {
    text: &'a JsString,
    /// Length in UTF-16 code units.
    len: u32,
    /// Code units converted so far.
    at: u32,
    /// The current slice as UTF-8, and how much of it was read.
    bytes: Vec<u8>,
    read: usize,
}

impl<'a> JsText<'a> {
    /// A reader over `text`.
    pub fn new(text: &'a JsString) -> Self {
        JsText { text, len: text.length(), at: 0, bytes: Vec::new(), read: 0 }
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
        self.bytes = self.text.slice(self.at, end).as_string().unwrap_or_default().into_bytes();
        self.read = 0;
        self.at = end;
    }
}

impl TextSource for JsText<'_> {
    fn read_text(&mut self, out: &mut [u8]) -> usize {
        while self.read == self.bytes.len() {
            if self.at >= self.len {
                return 0;
            }
            self.next_slice();
        }
        let n = out.len().min(self.bytes.len() - self.read);
        out[..n].copy_from_slice(&self.bytes[self.read..self.read + n]);
        self.read += n;
        n
    }
}
