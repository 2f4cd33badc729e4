"""The reasons of the plain non-working periods a due time skips, in English and Chinese: outside
a working day's window, and a weekend. The calendar names the periods it skips by them; a clock's
stored detail leaves them out (they follow from the period's kind) and gets them back on read.
A holiday or head office's override is named by its own reason, kept as it is."""

PLAIN_REASONS: dict[str, tuple[str, str]] = {"night": ("night", "非工作时间"),
                                             "weekend": ("weekend", "周末")}
