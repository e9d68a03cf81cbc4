"""marsad (مرصد): an Arabic-first news monitoring system."""

__version__ = "0.1.0"
