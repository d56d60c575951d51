#!/usr/bin/env python3
"""smtp_sink: a local SMTP server for tests that keeps what it receives.

    smtp_sink.py --dir DIR [--port N] [--port-file FILE]
                 [--user U --password P]

Listens on 127.0.0.1 (port N, or a free one when N is 0 or absent),
speaks enough ESMTP for libcurl (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT, and AUTH PLAIN and LOGIN when --user is given, which then makes
authentication required), and writes each message to DIR as NNNN.eml,
the bytes exactly as received after undoing dot-stuffing, CRLFs kept,
with NNNN.json beside it: the envelope (helo, mail_from, rcpt_to,
auth_user).  Both files appear by rename, complete.

Recipients whose local part starts with "reject" get 550 (a permanent
refusal) and "later" 451 (a temporary one), to test both paths.  The
chosen port goes to FILE (written by rename once listening) and to
stdout.  SIGTERM or SIGINT stops it cleanly (exit 0).  Python 3 standard
library only (asyncio; the smtpd module is gone since 3.12).
"""

import argparse
import asyncio
import base64
import json
import os
import signal
import sys


class Sink:
    def __init__(self, args):
        self.dir = args.dir
        self.user = args.user
        self.password = args.password
        self.count = 0

    def store(self, data, env):
        self.count += 1
        base = os.path.join(self.dir, "%04d" % self.count)
        for ext, content in ((".json", json.dumps(env).encode()),
                             (".eml", data)):
            tmp = base + ext + ".tmp"
            with open(tmp, "wb") as f:
                f.write(content)
            os.rename(tmp, base + ext)
        return self.count

    async def session(self, reader, writer):
        async def reply(line):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        async def readline():
            line = await reader.readline()
            if not line:
                raise ConnectionError("client went away")
            return line.rstrip(b"\r\n").decode("utf-8", "replace")

        def check_auth(user, password):
            return user == self.user and password == self.password

        helo = None
        authed = None
        mail_from = None
        rcpts = []
        await reply("220 sink.test ESMTP smtp_sink")
        try:
            while True:
                line = await readline()
                verb = line.split(" ", 1)[0].upper()
                arg = line[len(verb):].strip()
                if verb == "EHLO":
                    helo = arg
                    mail_from, rcpts = None, []
                    caps = ["sink.test", "PIPELINING", "SIZE 10485760"]
                    if self.user:
                        caps.append("AUTH PLAIN LOGIN")
                    for c in caps[:-1]:
                        await reply("250-" + c)
                    await reply("250 " + caps[-1])
                elif verb == "HELO":
                    helo = arg
                    mail_from, rcpts = None, []
                    await reply("250 sink.test")
                elif verb == "AUTH" and self.user:
                    parts = arg.split()
                    mech = parts[0].upper() if parts else ""
                    if mech == "PLAIN":
                        if len(parts) > 1:
                            blob = parts[1]
                        else:
                            await reply("334 ")
                            blob = await readline()
                        try:
                            _, u, p = base64.b64decode(blob).decode().split(
                                "\0")
                        except (ValueError, UnicodeDecodeError):
                            u, p = None, None
                    elif mech == "LOGIN":
                        if len(parts) > 1:
                            ub = parts[1]
                        else:
                            await reply("334 VXNlcm5hbWU6")
                            ub = await readline()
                        await reply("334 UGFzc3dvcmQ6")
                        pb = await readline()
                        try:
                            u = base64.b64decode(ub).decode()
                            p = base64.b64decode(pb).decode()
                        except (ValueError, UnicodeDecodeError):
                            u, p = None, None
                    else:
                        await reply("504 unrecognised mechanism")
                        continue
                    if u is not None and check_auth(u, p):
                        authed = u
                        await reply("235 authenticated")
                    else:
                        await reply("535 authentication failed")
                elif verb == "MAIL":
                    if helo is None:
                        await reply("503 say EHLO first")
                    elif self.user and not authed:
                        await reply("530 authentication required")
                    elif not arg.upper().startswith("FROM:"):
                        await reply("501 syntax: MAIL FROM:<address>")
                    else:
                        mail_from = arg[5:].strip().split(" ")[0]
                        rcpts = []
                        await reply("250 sender ok")
                elif verb == "RCPT":
                    if mail_from is None:
                        await reply("503 need MAIL first")
                    elif not arg.upper().startswith("TO:"):
                        await reply("501 syntax: RCPT TO:<address>")
                    else:
                        to = arg[3:].strip().split(" ")[0]
                        local = to.strip("<>").split("@")[0]
                        if local.startswith("reject"):
                            await reply("550 no such mailbox")
                        elif local.startswith("later"):
                            await reply("451 try again later")
                        else:
                            rcpts.append(to)
                            await reply("250 recipient ok")
                elif verb == "DATA":
                    if not rcpts:
                        await reply("503 need RCPT first")
                        continue
                    await reply("354 end with <CRLF>.<CRLF>")
                    data = bytearray()
                    while True:
                        raw = await reader.readline()
                        if not raw:
                            raise ConnectionError("client went away")
                        if raw == b".\r\n":
                            break
                        if raw.startswith(b"."):
                            raw = raw[1:]
                        data += raw
                    n = self.store(bytes(data), {
                        "helo": helo, "mail_from": mail_from,
                        "rcpt_to": rcpts, "auth_user": authed})
                    mail_from, rcpts = None, []
                    await reply("250 queued as %d" % n)
                elif verb == "RSET":
                    mail_from, rcpts = None, []
                    await reply("250 reset")
                elif verb == "NOOP":
                    await reply("250 ok")
                elif verb == "QUIT":
                    await reply("221 bye")
                    break
                else:
                    await reply("502 command not implemented")
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--user")
    ap.add_argument("--password", default="")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args)
    server = await asyncio.start_server(sink.session, "127.0.0.1",
                                        args.port, reuse_address=True)
    port = server.sockets[0].getsockname()[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write("%d\n" % port)
        os.rename(args.port_file + ".tmp", args.port_file)
    print(port, flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
