//! Numbers as text, exactly as Rust's `Display` for `f64` writes them
//! (`10001`, `0.1`, `0.0000001`, `-0`, `NaN`, `inf`), but produced from
//! `serde_json`'s float writer.
//!
//! The core shows numbers from the input in messages and as cell text. Going
//! through `serde_json` (which the package needs anyway) instead of
//! `core::fmt`'s float formatting keeps one float formatter in the wasm
//! package instead of two (docs/size.md). Both write the shortest digits
//! that read back as the same `f64`; this module only moves the decimal
//! point where `serde_json` writes an exponent (`1e-7`) and drops its `.0`.
//! The one difference: when two shortest forms (16 or 17 significant
//! digits) are equally close to the number, the two writers may pick
//! different last digits (`1980529490388720.2` here, `…720.3` from
//! `Display`; about one random `f64` in 100,000); both read back as the same
//! `f64`, and short decimals such as `0.1` or `75.5` are never affected.

/// `x` as `format!("{x}")` writes it (but see the module note on ties).
pub fn display(x: f64) -> String {
    let Some(number) = serde_json::Number::from_f64(x) else {
        return if x.is_nan() {
            "NaN".to_string()
        } else if x > 0.0 {
            "inf".to_string()
        } else {
            "-inf".to_string()
        };
    };
    let json = number.to_string();
    let (sign, unsigned) = match json.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", json.as_str()),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // All significant digits, and where the decimal point falls in them.
    let digits = format!("{int}{frac}");
    let mut point = int.len() as i64 + exponent;
    let leading_zeros = digits.bytes().take_while(|&b| b == b'0').count();
    let digits = digits.get(leading_zeros..).unwrap_or_default().trim_end_matches('0');
    point -= leading_zeros as i64;
    if digits.is_empty() {
        return format!("{sign}0");
    }
    let len = digits.len() as i64;
    let mut out = String::from(sign);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take(-point as usize));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        out.extend(std::iter::repeat('0').take((point - len) as usize));
    } else {
        out.push_str(digits.get(..point as usize).unwrap_or_default());
        out.push('.');
        out.push_str(digits.get(point as usize..).unwrap_or_default());
    }
    out
}

/// `x` with two decimals, exactly as `format!("{x:.2}")` writes it: the
/// exact binary value rounded half to even (`0.125` → `0.12`, `1.015` →
/// `1.01`), a `-` on every negative number (`-0.00`), `NaN`, `inf`, `-inf`.
/// Integer arithmetic instead of `core::fmt`'s exact float formatting,
/// which alone was about 18 KB of the wasm package (docs/size.md).
pub fn fixed2(x: f64) -> String {
    if !x.is_finite() {
        return display(x);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    // x = m × 2^e exactly.
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | 1 << 52, exp - 1075) };
    let scaled = u128::from(m) * 100;
    // The hundredths, in base-10^9 limbs, least significant first.
    let mut limbs: Vec<u32> = Vec::new();
    let push = |mut n: u128, limbs: &mut Vec<u32>| {
        while n > 0 {
            limbs.push((n % 1_000_000_000) as u32);
            n /= 1_000_000_000;
        }
    };
    if e >= 0 {
        push(scaled, &mut limbs);
        for _ in 0..e {
            let mut carry = 0;
            for limb in &mut limbs {
                let v = u64::from(*limb) * 2 + carry;
                *limb = (v % 1_000_000_000) as u32;
                carry = v / 1_000_000_000;
            }
            if carry > 0 {
                limbs.push(carry as u32);
            }
        }
    } else {
        // `scaled` < 2^60, so from 2^-61 on it rounds to 0.
        let k = -e as u32;
        let hundredths = if k > 61 {
            0
        } else {
            let q = scaled >> k;
            let r = scaled - (q << k);
            let half = 1u128 << (k - 1);
            if r > half || (r == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        };
        push(hundredths, &mut limbs);
    }
    let mut digits = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        let text = limb.to_string();
        if i > 0 {
            digits.extend(std::iter::repeat('0').take(9 - text.len()));
        }
        digits.push_str(&text);
    }
    while digits.len() < 3 {
        digits.insert(0, '0');
    }
    digits.insert(digits.len() - 2, '.');
    if x.is_sign_negative() {
        digits.insert(0, '-');
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn like_display() {
        for (x, text) in [
            (10001.0, "10001"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1e-7, "0.0000001"),
            (1e21, "1000000000000000000000"),
            (-0.0, "-0"),
            (0.0, "0"),
            (-12.25, "-12.25"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(display(x), text);
        }
    }

    #[test]
    fn fixed2_like_display() {
        for (x, text) in [
            (0.125, "0.12"),
            (0.375, "0.38"),
            (1.015, "1.01"),
            (0.005, "0.01"),
            (-0.001, "-0.00"),
            (-0.0, "-0.00"),
            (0.0, "0.00"),
            (100.0, "100.00"),
            (66.666, "66.67"),
            (5e-324, "0.00"),
            (1e23, "99999999999999991611392.00"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(fixed2(x), text);
        }
    }

    proptest! {
        #[test]
        fn fixed2_same_as_display_for_any_bits(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(fixed2(x), format!("{x:.2}"));
        }

        #[test]
        fn fixed2_same_as_display_for_percentages(n in 0u64..=100_000_000, d in 1u64..=100_000_000) {
            let x = n as f64 / d as f64 * 100.0;
            prop_assert_eq!(fixed2(x), format!("{x:.2}"));
            let y = (n % 100_000) as f64 / 1000.0;
            prop_assert_eq!(fixed2(y), format!("{y:.2}"));
        }

        // Rust's own formatter is the independent reference; where the text
        // differs (a tie in the last digit), it must still read back as `x`
        // and be as long.
        #[test]
        fn same_as_display_for_any_bits(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            let (ours, rust) = (display(x), format!("{x}"));
            if ours != rust {
                prop_assert_eq!(ours.parse::<f64>(), Ok(x), "{} vs {}", ours, rust);
                prop_assert_eq!(ours.len(), rust.len(), "{} vs {}", ours, rust);
            }
        }

        #[test]
        fn same_as_display_for_short_decimals(m in -1_000_000i64..1_000_000, e in -12i32..25) {
            let x = m as f64 * 10f64.powi(e);
            prop_assert_eq!(display(x), format!("{x}"));
        }
    }
}
