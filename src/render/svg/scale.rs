//! Value axes: a range that includes zero and round tick values.

/// An axis from `min` to `max` with ticks every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) step: f64,
}

fn nice_step(span: f64, ticks: f64) -> f64 {
    let raw = (span / ticks).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

impl Axis {
    /// An axis covering `values` and zero, with about `ticks` ticks.
    pub(super) fn covering(values: impl IntoIterator<Item = f64>, ticks: f64) -> Axis {
        let (mut low, mut high) = (0.0f64, 0.0f64);
        for v in values.into_iter().filter(|v| v.is_finite()) {
            low = low.min(v);
            high = high.max(v);
        }
        if high - low < 1e-9 {
            high = low + 1.0;
        }
        let step = nice_step(high - low, ticks);
        let min = (low / step).floor() * step;
        let mut max = (high / step).ceil() * step;
        // Leave headroom for value labels above the tallest bar.
        if (max - high) < step * 0.15 {
            max += step;
        }
        Axis { min, max, step }
    }

    pub(super) fn ticks(&self) -> Vec<f64> {
        let count = ((self.max - self.min) / self.step).round() as i64;
        (0..=count.clamp(0, 50)).map(|i| self.min + i as f64 * self.step).collect()
    }

    /// Pixel y of `value` in a plot from `top` to `bottom`.
    pub(super) fn y(&self, value: f64, top: i32, bottom: i32) -> i32 {
        let share = (value - self.min) / (self.max - self.min);
        (f64::from(bottom) - share * f64::from(bottom - top)).round() as i32
    }

    /// Tick label: as few decimals as the step needs.
    pub(super) fn label(&self, value: f64) -> String {
        let decimals = (0..3).find(|d| (self.step * 10f64.powi(*d)).fract().abs() < 1e-6).unwrap_or(3) as usize;
        crate::derive::format::tidy(value, decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_include_zero_and_round_ticks() {
        let axis = Axis::covering([14.7, 75.0], 5.0);
        assert_eq!(axis.min, 0.0);
        assert!(axis.max >= 75.0);
        assert_eq!(axis.step, 20.0);
        let axis = Axis::covering([-5.0, 48.0], 5.0);
        assert!(axis.min <= -5.0 && axis.min >= -20.0);
        assert_eq!(axis.ticks().first().copied(), Some(axis.min));
        assert_eq!(
            Axis::covering(std::iter::empty(), 5.0).max,
            1.0 + Axis::covering(std::iter::empty(), 5.0).step
        );
    }

    #[test]
    fn labels_and_positions() {
        let axis = Axis {
            min: 0.0,
            max: 100.0,
            step: 25.0,
        };
        assert_eq!(axis.y(0.0, 10, 110), 110);
        assert_eq!(axis.y(100.0, 10, 110), 10);
        assert_eq!(axis.label(25.0), "25");
        let fine = Axis {
            min: 0.0,
            max: 1.0,
            step: 0.25,
        };
        assert_eq!(fine.label(0.25), "0.25");
    }
}
