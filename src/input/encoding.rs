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
            if let Some(at) = damaged_utf8(&bytes) {
                return Err(undecodable(path, UTF_8.name(), &bytes, at, 0));
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
        DecoderResult::Malformed(bad, extra) => {
            let at = read.saturating_sub(bad as usize + extra as usize);
            Err(undecodable(path, enc.name(), bytes, at, base))
        }
        // The buffer is sized for the worst case, so this cannot happen; say so
        // rather than panic.
        DecoderResult::OutputFull => Err(undecodable(path, enc.name(), bytes, read, base)),
    }
}

fn undecodable(
    path: &str,
    encoding: &'static str,
    bytes: &[u8],
    at: usize,
    base: usize,
) -> LoadError {
    let at = at.min(bytes.len());
    LoadError::Undecodable {
        path: path.to_string(),
        encoding,
        offset: base + at,
        line: memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1,
    }
}

/// UTF-16 without a byte-order mark. Mostly-ASCII text has a NUL in every
/// other byte; Chinese text has NULs only where it has ASCII (digits, line
/// breaks), but always on the same side of each code unit, and its code
/// units are mostly CJK characters and punctuation. The head must also decode.
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
    let candidate = if odd * 5 >= pairs && even * 20 <= odd {
        return Some(UTF_16LE);
    } else if even * 5 >= pairs && odd * 20 <= even {
        return Some(UTF_16BE);
    } else if odd > 0 && even == 0 {
        UTF_16LE
    } else if even > 0 && odd == 0 {
        UTF_16BE
    } else {
        return None;
    };
    mostly_cjk_utf16(head, candidate).then_some(candidate)
}

/// Whether `head` read as UTF-16 (`enc`) is text: it decodes (a trailing
/// half of a surrogate pair aside), has almost no control characters, and at
/// least half of its code units are ASCII or CJK characters and punctuation.
fn mostly_cjk_utf16(head: &[u8], enc: &'static Encoding) -> bool {
    let units: Vec<u16> = head
        .chunks_exact(2)
        .map(|p| {
            if enc == UTF_16LE {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect();
    let n = units.len();
    let mut good = 0usize;
    let mut controls = 0usize;
    for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
        match c {
            Ok(c) => {
                let u = c as u32;
                if (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
                    || (0x80..0xa0).contains(&u)
                {
                    controls += 1;
                }
                if c.is_ascii()
                    || (0x4e00..=0x9fff).contains(&u)
                    || (0x3000..=0x303f).contains(&u)
                    || (0xff00..=0xffef).contains(&u)
                {
                    good += 1;
                }
            }
            // A surrogate pair cut by the end of the head is fine.
            Err(_) if i + 1 >= n => {}
            Err(_) => return false,
        }
    }
    controls * 50 <= n && good * 2 >= n
}

/// Whether the first bytes of a file (up to [`super::SNIFF_BYTES`]) already show
/// that it is binary, by the rules [`decode`] applies to the whole file: it
/// has NUL bytes, no byte-order mark, is not UTF-16, and is either mostly NUL
/// or not UTF-8. Returns the offset of the first NUL.
pub fn binary_head(head: &[u8]) -> Option<usize> {
    if Encoding::for_bom(head).is_some() {
        return None;
    }
    let nul = memchr::memchr(0, head)?;
    if utf16_without_bom(head).is_some() {
        return None;
    }
    let utf8 = match std::str::from_utf8(head) {
        Ok(_) => true,
        // Only a character cut by the end of the head: still UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    (mostly_nul(head) || !utf8).then_some(nul)
}

/// UTF-8 with a few damaged bytes rather than another encoding: most of its
/// non-ASCII characters are well-formed UTF-8 (a GBK file decoded as UTF-8 is
/// mostly errors). Returns the offset of the first bad byte.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut first = None;
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first.get_or_insert(at);
            at += chunk.invalid().len();
        }
    }
    (bad > 0 && good >= 8 * bad).then_some(first?)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: Vec<u8>) -> String {
        decode("a.txt", bytes, None).unwrap_err().to_string()
    }

    #[test]
    fn utf8_with_one_bad_byte_is_called_utf8_at_the_right_offset() {
        let mut bytes = "全年完成固定资产投资，增长百分之五。\n"
            .repeat(6)
            .into_bytes();
        let at = bytes.len() - 10;
        bytes.insert(at, 0xff);
        let e = err(bytes);
        assert!(
            e.contains("UTF-8") && e.contains(&format!("offset {at}")),
            "{e}"
        );
        assert!(e.contains("line 6"), "{e}");
        // A GBK file is still decoded as GBK.
        let gbk = GBK
            .encode(&"全年完成固定资产投资，增长百分之五。\n".repeat(6))
            .0
            .into_owned();
        let enc = decode("a.txt", gbk, None).unwrap().1;
        assert!(enc == GBK || enc == GB18030, "{enc:?}");
    }

    #[test]
    fn chinese_utf16_without_bom_is_decoded_not_called_binary() {
        let text = "全年完成固定资产投资372亿元，增长7.9%。\n各项工作稳步推进。\n";
        for enc in [UTF_16LE, UTF_16BE] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if enc == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            assert_eq!(binary_head(&bytes), None);
            let (t, e) = decode("a.txt", bytes, None).unwrap();
            assert_eq!((t.as_str(), e), (text, enc));
        }
        // Random binary with NULs on both sides is still binary.
        let bin: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let mut bin = bin;
        bin[7] = 0;
        bin[10] = 0;
        assert!(matches!(
            decode("a.bin", bin.clone(), None),
            Err(LoadError::Binary { .. })
        ));
        assert!(binary_head(&bin).is_some());
    }
}
