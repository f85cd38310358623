"""The app served for the browser tests: `python -m tests.e2e.server`.

Configured by the environment (the `live_server` fixture sets it): a development app on a
werkzeug server with threads, on a free port that it prints as its first line of output.
"""

from __future__ import annotations

from werkzeug.serving import make_server

from crm import create_app


def main() -> None:
    app = create_app("development")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
