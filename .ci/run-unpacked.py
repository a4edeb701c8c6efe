"""Runs an unpacked OCI image's entrypoint the way a container runtime would, minus the namespaces:
   python3 run-unpacked.py ROOTFS CONFIG.json [NAME=VALUE...]
chroot into ROOTFS, change to the image's WorkingDir, take the image's User (numeric uid[:gid]), and exec its
Entrypoint + Cmd with exactly the image's Env plus the NAME=VALUE pairs given (the check's port and backends).
Used by .ci/images; needs root (chroot, setuid)."""
import json
import os
import sys

root, config_file, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
config = json.load(open(config_file))["config"]
env = dict(e.split("=", 1) for e in config.get("Env") or [])
env.update(dict(e.split("=", 1) for e in extra))
argv = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
user = (config.get("User") or "0").split(":")
uid = int(user[0])
gid = int(user[1]) if len(user) > 1 else uid
os.chroot(root)
os.chdir(config.get("WorkingDir") or "/")
os.setgroups([])
os.setgid(gid)
os.setuid(uid)
path = env.get("PATH", "/usr/bin:/bin")
os.execvpe(argv[0], argv, env) if "/" in argv[0] else os.execve(
    next(os.path.join(d, argv[0]) for d in path.split(":") if os.access(os.path.join(d, argv[0]), os.X_OK)),
    argv,
    env,
)
