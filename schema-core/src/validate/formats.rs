//! The string formats whose verdicts must equal Zod's, input for input. The patterns are Zod
//! 4.6's own (`zod/v4/core/regexes.js`, the version `.ci/run` installs), with JavaScript's `\d`
//! (ASCII digits without the `u` flag) spelled `[0-9]`, since the `regex` crate's `\d` is
//! Unicode. `url` follows Zod's check: the trimmed string parses as a WHATWG URL (the `url`
//! crate implements the standard JavaScript's `URL` does).

use regex::Regex;
use std::sync::LazyLock;

fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a fixed pattern")
}

const DATE: &str = r"(?:(?:[0-9][0-9][2468][048]|[0-9][0-9][13579][26]|[0-9][0-9]0[48]|[02468][048]00|[13579][26]00)-02-29|[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|(?:02)-(?:0[1-9]|1[0-9]|2[0-8])))";
const HHMM: &str = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]";

static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| pattern(&format!("^{DATE}$")));
static TIME: LazyLock<Regex> =
    LazyLock::new(|| pattern(&format!(r"^{HHMM}(?::[0-5][0-9](?:\.[0-9]+)?)?$")));
/// `z.iso.datetime({ offset: true })`: seconds required, then `Z` or an offset.
static DATETIME_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"^{DATE}T(?:{HHMM}:[0-5][0-9](?:\.[0-9]+)?(?:Z|([+-](?:[01][0-9]|2[0-3]):[0-5][0-9])))$"
    ))
});
/// `z.iso.datetime({ local: true })`: as above with `Z` only, or no zone with optional seconds.
static DATETIME_LOCAL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(&format!(
        r"^{DATE}T(?:{HHMM}:[0-5][0-9](?:\.[0-9]+)?(?:Z)|{HHMM}(?::[0-5][0-9](?:\.[0-9]+)?)?)$"
    ))
});

/// Zod's `email`, `^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`,
/// matched by hand: no class admits `@` or repeats across a `.`, so the pattern reads as one
/// `@` between dot-separated segments, each part checked once, left to right. A test checks
/// it against the pattern itself.
pub fn is_email(value: &str) -> bool {
    let bytes = value.as_bytes();
    let Some(at) = bytes.iter().position(|&b| b == b'@') else {
        return false;
    };
    // Local part: `W+` segments before each dot, then `W*L` (L is W without the apostrophe).
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'' | b'+' | b'-');
    let mut segment_empty = true;
    for &b in &bytes[..at] {
        if b == b'.' {
            if segment_empty {
                return false;
            }
            segment_empty = true;
        } else if word(b) {
            segment_empty = false;
        } else {
            return false;
        }
    }
    if segment_empty || bytes[at - 1] == b'\'' {
        return false;
    }
    // Domain: `[A-Za-z0-9][A-Za-z0-9-]*` labels each followed by a dot, then a top-level label
    // of two or more ASCII letters.
    let (mut dots, mut label_len, mut letters_only) = (0usize, 0usize, true);
    for &b in &bytes[at + 1..] {
        if b == b'.' {
            if label_len == 0 {
                return false;
            }
            dots += 1;
            label_len = 0;
            letters_only = true;
        } else if b.is_ascii_alphanumeric() || (b == b'-' && label_len > 0) {
            label_len += 1;
            letters_only &= b.is_ascii_alphabetic();
        } else {
            return false;
        }
    }
    dots >= 1 && label_len >= 2 && letters_only
}

/// Zod's `iso.date`.
pub fn is_iso_date(value: &str) -> bool {
    DATE_ONLY.is_match(value)
}

/// Zod's `iso.time`.
pub fn is_iso_time(value: &str) -> bool {
    TIME.is_match(value)
}

/// Zod's `iso.datetime`, with an offset (`timestamptz`) or local (`timestamp`).
pub fn is_iso_datetime(value: &str, local: bool) -> bool {
    if local {
        DATETIME_LOCAL.is_match(value)
    } else {
        DATETIME_OFFSET.is_match(value)
    }
}

/// Zod's `uuid`: RFC 9562 versions 1 to 8 with the RFC variant, plus the nil and max UUIDs.
pub fn is_uuid(value: &str) -> bool {
    // Zod's pattern spells the nil and max UUIDs in lower case only (`FFFF...` is refused).
    if value == "00000000-0000-0000-0000-000000000000"
        || value == "ffffffff-ffff-ffff-ffff-ffffffffffff"
    {
        return true;
    }
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            14 => (b'1'..=b'8').contains(&b),
            19 => b"89abAB".contains(&b),
            _ => b.is_ascii_hexdigit(),
        })
}

/// Zod's `guid`, `^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$`:
/// the shape of a UUID without its version and variant.
pub fn is_guid(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Zod's `url` (`URL.canParse` on the string trimmed as JavaScript trims). A URL of the
/// common shape is recognised without allocating (`plainly_valid_url`); any other string
/// goes to the `url` crate, which implements the WHATWG standard JavaScript's `URL` follows.
pub fn is_url(value: &str) -> bool {
    let trimmed = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    plainly_valid_url(trimmed) || url::Url::parse(trimmed).is_ok()
}

/// The schemes whose host the WHATWG parser reads as a domain (`file` aside: it has its own
/// rules).
const SPECIAL: [&str; 5] = ["http", "https", "ws", "wss", "ftp"];

/// `true` only for strings the WHATWG URL parser certainly accepts, checked without
/// allocating; `false` means "ask the full parser", not "invalid". Two shapes qualify:
///
/// * `scheme://host[:port]` then anything starting with `/`, `\`, `?` or `#`, for the special
///   schemes above, where the host is dot-separated non-empty labels of ASCII letters, digits
///   and `-`, none starting with `xn--` (Punycode, which IDNA validates) and the last starting
///   with a letter (so the host is not an IPv4 address), and the port is at most 65535;
/// * `scheme:` then anything but `/` for any other scheme: an opaque path, which the parser
///   percent-encodes but never refuses.
///
/// Path, query and fragment are never refused either: their code points are percent-encoded.
fn plainly_valid_url(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Scheme: an ASCII letter, then letters, digits, `+`, `-`, `.`, up to `:`.
    let Some(colon) = bytes.iter().position(|&b| b == b':') else {
        return false;
    };
    let scheme = &input[..colon];
    let scheme_ok = scheme.bytes().enumerate().all(|(i, b)| {
        b.is_ascii_alphabetic()
            || (i > 0 && (b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.')))
    });
    if colon == 0 || !scheme_ok {
        return false;
    }
    let rest = &bytes[colon + 1..];
    if !SPECIAL.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
        // `file` and `scheme:/...` (a path or an authority) are left to the full parser.
        return !scheme.eq_ignore_ascii_case("file") && rest.first() != Some(&b'/');
    }
    let Some(authority) = rest.strip_prefix(b"//") else {
        return false;
    };
    let end = authority
        .iter()
        .position(|&b| matches!(b, b'/' | b'\\' | b'?' | b'#'))
        .unwrap_or(authority.len());
    let authority = &authority[..end];
    let (host, port) = match authority.iter().position(|&b| b == b':') {
        Some(at) => (&authority[..at], Some(&authority[at + 1..])),
        None => (authority, None),
    };
    if let Some(port) = port {
        let digits = port.len() <= 5 && port.iter().all(u8::is_ascii_digit);
        if !digits || port.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) > 65_535 {
            return false;
        }
    }
    let mut labels = host.split(|&b| b == b'.').peekable();
    while let Some(label) = labels.next() {
        let ldh = !label.is_empty()
            && label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-');
        let punycode = label.len() >= 4 && label[..4].eq_ignore_ascii_case(b"xn--");
        if !ldh || punycode {
            return false;
        }
        if labels.peek().is_none() && !label[0].is_ascii_alphabetic() {
            return false;
        }
    }
    true
}

/// Zod's `lowercase`: `^[^A-Z]*$`.
pub fn is_lowercase(value: &str) -> bool {
    !value.bytes().any(|b| b.is_ascii_uppercase())
}

/// Zod's `uppercase`: `^[^a-z]*$`.
pub fn is_uppercase(value: &str) -> bool {
    !value.bytes().any(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "first.last@example.com",
            "o'brien+tag@mail.example.org",
            "x_y-z@a-b.io",
            "A@B.CO",
            "1@2.xy",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "plain",
            "@example.com",
            ".a@example.com",
            "a..b@example.com",
            "a.@example.com",
            "a@b",
            "a@b.c",
            "a@-b.com",
            "a@b..com",
            "a@@b.com",
            "a@b.com.",
            "a b@c.com",
            "ü@example.com",
            "'@example.com",
            "a@exämple.com",
            "a@b.c0m",
            "a@b.com\n",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }

    /// The hand-written matcher agrees with Zod's pattern on every string over an alphabet of
    /// the characters that matter, up to length 6, and on longer samples.
    #[test]
    fn email_matcher_equals_zods_pattern() {
        let zod = pattern(
            r"^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$",
        );
        let alphabet = ['a', '1', '.', '@', '\'', '-', '_', 'é', ' '];
        let mut inputs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in alphabet {
                    let mut s = prefix.clone();
                    s.push(c);
                    next.push(s);
                }
            }
            inputs.extend(next.iter().cloned());
            frontier = next;
        }
        for extra in [
            "a@b.co",
            "a.b@c-d.ef",
            "a'@b.co",
            "'a@b.co",
            "a@b.c0",
            "a@-b.co",
            "x@y.z.ab",
        ] {
            inputs.push(extra.to_owned());
        }
        for input in &inputs {
            assert_eq!(is_email(input), zod.is_match(input), "{input:?}");
        }
    }

    #[test]
    fn dates_and_times() {
        assert!(is_iso_date("2024-02-29") && !is_iso_date("2023-02-29"));
        assert!(!is_iso_date("２０２４-01-01"), "ASCII digits only");
        assert!(is_iso_time("23:59") && is_iso_time("23:59:59.123") && !is_iso_time("24:00"));
        assert!(is_iso_datetime("2026-11-26T02:00:00.123456Z", false));
        assert!(is_iso_datetime("2026-11-26T02:00:00+05:30", false));
        assert!(
            !is_iso_datetime("2026-11-26T02:00Z", false),
            "seconds with a zone"
        );
        assert!(!is_iso_datetime("2026-11-26T02:00:00", false));
        assert!(is_iso_datetime("2026-11-26T02:00", true));
        assert!(is_iso_datetime("2026-11-26T02:00:00Z", true));
        assert!(!is_iso_datetime("2026-11-26T02:00:00+01:00", true));
    }

    #[test]
    fn uuids() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(is_uuid("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        assert!(
            !is_uuid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"),
            "Zod's max UUID is lower case only"
        );
        assert!(is_uuid("0192b2a4-5b8c-7cc0-bd1e-0d5f4e8a1b2c"));
        assert!(
            !is_uuid("123e4567-e89b-02d3-a456-426614174000"),
            "version 0"
        );
        assert!(
            !is_uuid("123e4567-e89b-92d3-a456-426614174000"),
            "version 9"
        );
        assert!(!is_uuid("123e4567-e89b-12d3-c456-426614174000"), "variant");
        assert!(!is_uuid("123e4567e89b12d3a456426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
    }

    #[test]
    fn guids() {
        assert!(
            is_guid("123e4567-e89b-02d3-c456-426614174000"),
            "no version check"
        );
        assert!(is_guid("ABCDEF01-ABCD-ABCD-ABCD-ABCDEF012345"));
        assert!(!is_guid("123e4567e89b02d3c456426614174000"));
        assert!(!is_guid("{123e4567-e89b-02d3-c456-426614174000}"));
        assert!(!is_guid("123e4567-e89b-02d3-c456-42661417400g"));
    }

    /// The allocation-free path never accepts what the full parser refuses, and takes the
    /// common shapes.
    #[test]
    fn plain_urls_are_a_subset_of_what_the_parser_accepts() {
        let plain = [
            "https://example.com",
            "http://localhost:8080/a/b?c=d#e",
            "HTTPS://EXAMPLE.COM",
            "wss://a-b.example:443/",
            "ftp://files.example/x",
            "http://a.example:/",
            "mailto:someone@example.com",
            "urn:isbn:0451450523",
            "https://example.com/😀 é?x y#z",
        ];
        for input in plain {
            assert!(plainly_valid_url(input), "{input}");
            assert!(url::Url::parse(input).is_ok(), "{input}");
        }
        for input in [
            "http://a.example:65536/",
            "http://1.2.3.256/",
            "http://example.123/",
            "http://[::1]:80/",
            "https://user@example.com/",
            "https://xn--nxasmq6b.com/",
            "https://xn--a.com/",
            "https://exämple.com/",
            "http:example.com",
            "http://a..b/",
            "http://",
            "file:///tmp/x",
            "a://b",
            "1http://example.com",
            "example.com",
            "",
        ] {
            assert!(!plainly_valid_url(input), "{input} goes to the full parser");
        }
    }

    #[test]
    fn urls() {
        assert!(is_url("https://example.com/path?q=1"));
        assert!(is_url("  mailto:someone@example.com  "));
        assert!(is_url("http://localhost:8080"));
        assert!(!is_url("example.com"));
        assert!(!is_url("http://"));
        assert!(!is_url(""));
    }

    #[test]
    fn cases() {
        assert!(is_lowercase("abc ünï 123"));
        assert!(is_lowercase("ÄÖ"), "only ASCII letters count, as in Zod");
        assert!(!is_lowercase("aBc"));
        assert!(is_uppercase("ABC 123"));
        assert!(!is_uppercase("ABc"));
    }
}
