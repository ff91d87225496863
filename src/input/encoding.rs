//! Bytes → text. UTF-8 with or without a byte-order mark, UTF-16LE/BE with a
//! byte-order mark (or without one, when the NUL pattern of mostly-ASCII UTF-16
//! is unmistakable), and legacy encodings — GB18030/GBK above all — detected
//! with chardetng when the bytes are not UTF-8. Decoding keeps every line
//! break, so line numbers refer to the original file's lines.
//!
//! A file with NUL bytes that is not UTF-16 (an image, a PDF, an old .doc) or
//! that does not decode in the detected encoding is refused with a clear error
//! rather than linted as garbage. Valid UTF-8 with a few stray NULs (text a
//! PDF converter damaged) is still read.

use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::document::LoadError;

/// The encoding a WHATWG label names (`utf-8`, `gbk`, `gb18030`, `gb2312`,
/// `utf-16le`, `big5` …), for `--encoding`.
pub fn for_label(label: &str) -> Result<&'static Encoding, String> {
    let label = label.trim();
    // `utf16`/`utf8` without the dash are common spellings.
    let fixed = match label.to_ascii_lowercase().as_str() {
        "utf8" => "utf-8".to_string(),
        "utf16" | "utf16le" => "utf-16le".to_string(),
        "utf16be" => "utf-16be".to_string(),
        "cp936" => "gbk".to_string(),
        l => l.to_string(),
    };
    Encoding::for_label(fixed.as_bytes()).ok_or_else(|| {
        format!("unknown encoding `{label}` (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)")
    })
}

/// Decode a file's bytes. `forced` skips detection (a byte-order mark of that
/// encoding is still skipped). Returns the text without a byte-order mark and
/// the encoding used.
pub fn decode(
    path: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding), LoadError> {
    if let Some(enc) = forced {
        let (bom_enc, bom_len) = Encoding::for_bom(&bytes).unwrap_or((enc, 0));
        let skip = if bom_enc == enc || (enc == GBK && bom_enc == GB18030) {
            bom_len
        } else {
            0
        };
        return strict(path, &bytes[skip..], enc, skip).map(|t| (t, enc));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return strict(path, &bytes[bom_len..], enc, bom_len).map(|t| (t, enc));
    }
    let nul = memchr::memchr(0, &bytes);
    if let Some(enc) = nul.and_then(|_| utf16_without_bom(&bytes)) {
        return strict(path, &bytes, enc, 0).map(|t| (t, enc));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            if let Some(offset) = nul
                && mostly_nul(text.as_bytes())
            {
                return Err(LoadError::Binary {
                    path: path.to_string(),
                    offset,
                });
            }
            Ok((text, UTF_8))
        }
        Err(e) => {
            let bytes = e.into_bytes();
            if let Some(offset) = nul {
                return Err(LoadError::Binary {
                    path: path.to_string(),
                    offset,
                });
            }
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes, true);
            // The `.cn` top-level domain tilts close calls towards GBK.
            let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
            // Reports in China are GB18030/GBK when they are not UTF-8; the
            // detector's guess comes first, GB18030 (a superset of GBK) second.
            let mut first_error = None;
            for enc in [guess, GB18030] {
                match strict(path, &bytes, enc, 0) {
                    Ok(text) if !looks_binary(&text) => return Ok((text, enc)),
                    Ok(_) => {
                        return Err(LoadError::Binary {
                            path: path.to_string(),
                            offset: 0,
                        });
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
                // encoding_rs decodes GBK with the GB18030 decoder: no second try.
                if guess == GB18030 || guess == GBK {
                    break;
                }
            }
            Err(first_error.expect("at least one attempt"))
        }
    }
}

/// Decode without replacement characters; a malformed sequence is an error
/// naming its byte offset in the file (`base` = bytes skipped before `bytes`).
fn strict(
    path: &str,
    bytes: &[u8],
    enc: &'static Encoding,
    base: usize,
) -> Result<String, LoadError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, extra) => Err(LoadError::Undecodable {
            path: path.to_string(),
            encoding: enc.name(),
            offset: base + read.saturating_sub(bad as usize + extra as usize),
        }),
        // The buffer is sized for the worst case, so this cannot happen; say so
        // rather than panic.
        DecoderResult::OutputFull => Err(LoadError::Undecodable {
            path: path.to_string(),
            encoding: enc.name(),
            offset: base + read,
        }),
    }
}

/// UTF-16 without a byte-order mark, recognised by its NUL bytes: in text that
/// is mostly ASCII (digits, spaces, line breaks) every other byte is NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = head.len() / 2;
    // At least a fifth of the code units are ASCII, and NULs sit on one side only.
    if odd * 5 >= pairs && even * 20 <= odd {
        Some(UTF_16LE)
    } else if even * 5 >= pairs && odd * 20 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Valid UTF-8 that is mostly NUL bytes (at least one in eight of the first
/// 8 KiB) is a binary file, not text with a few damaged bytes.
fn mostly_nul(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr_iter(0, head).count() * 8 >= head.len().max(1)
}

/// Decoded text full of control characters: a binary file that happened to
/// decode (single-byte encodings decode anything).
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(8192) {
        chars += 1;
        if (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            || ('\u{80}'..'\u{a0}').contains(&c)
        {
            controls += 1;
        }
    }
    controls * 20 > chars
}

/// The UTF-16 encodings, for callers that want to know whether spans can be
/// mapped back to the file's bytes directly (only UTF-8 can).
pub fn is_utf16(enc: &'static Encoding) -> bool {
    enc == UTF_16LE || enc == UTF_16BE
}
