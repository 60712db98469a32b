//! ANSI styling of the human output of `lookup` and `check`: colour only on a terminal and
//! never when NO_COLOR (https://no-color.org) is set to a non-empty value.

use std::io::IsTerminal;

/// ANSI styling when writing to a terminal, plain text otherwise.
#[derive(Clone, Copy)]
pub struct Paint(bool);

impl Paint {
    /// Styling for output written to `out`.
    pub fn for_output(out: &impl IsTerminal) -> Self {
        Paint(out.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }

    /// Whether styling is on.
    pub fn enabled(self) -> bool {
        self.0
    }

    pub fn style(self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.style("1", text)
    }

    pub fn green(self, text: &str) -> String {
        self.style("32", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.style("2", text)
    }
}
