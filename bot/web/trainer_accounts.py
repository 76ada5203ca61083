"""`make trainer USER=dana`: create a trainer account for /trainer/.

python -m bot.web.trainer_accounts add dana --name "Dana Lee"          (asks twice)
python -m bot.web.trainer_accounts add tom --teams north,south       (sees those teams only)
printf 'long password' | python -m bot.web.trainer_accounts add dana --password-stdin
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.settings import SettingsError, load_settings
from bot.store.database import make_engine, prepare_database, session_factory
from bot.web.auth import AccountError, create_trainer


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise AccountError("The two passwords differ.")
    return first


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="trainer_accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="create a trainer")
    add.add_argument("username")
    add.add_argument("--name", default="", help="shown on notes (default: the username)")
    add.add_argument("--password-stdin", action="store_true")
    add.add_argument(
        "--teams", default="", help="teams this trainer trains, comma-separated (default: admin)"
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        prepare_database(settings.db_url)
        with session_factory(make_engine(settings.db_url)).begin() as db:
            teams = [t for t in args.teams.split(",") if t.strip()]
            trainer = create_trainer(
                db, args.username, args.name, read_password(args.password_stdin), teams
            )
            username = trainer.username
    except (SettingsError, AccountError) as error:
        print(f"Not created: {error}", file=sys.stderr)
        return 2
    sees = f"the teams {args.teams}" if args.teams.strip() else "every team (admin)"
    print(f"Trainer {username!r} can now sign in at /trainer/ and sees {sees}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
