"""What the golden scripts share: the binary under test from the command line, checks, the
sanitizer reports that fail any run, and the loop that runs tests and prints the synthesis."""
import os
import sys
import traceback

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def check_no_sanitizer_report(stderr, what):
    for mark in SANITIZER_MARKS:
        check(mark not in stderr, f"sanitizer report from {what}:\n{stderr}")


def binary_from_argv(doc):
    """The absolute path of the cbkpi binary named as the only argument."""
    if len(sys.argv) != 2:
        sys.exit(doc)
    return os.path.abspath(sys.argv[1])


def run_all(tests):
    """Runs every test, prints [PASS]/[FAIL] lines and the synthesis, exits 1 on a failure."""
    failures = []
    for test in tests:
        try:
            test()
            print(f"[PASS] {test.__name__}")
        except Exception:
            failures.append(test.__name__)
            print(f"[FAIL] {test.__name__}\n{traceback.format_exc()}")
    print(f"[====] Golden synthesis: Tested: {len(tests)} | Passing: {len(tests) - len(failures)} | "
          f"Failing: {len(failures)}")
    sys.exit(1 if failures else 0)
