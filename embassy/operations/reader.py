"""Reading a backup archive (`manage.py restore`): its manifest authenticated first, then its
members streamed one by one, each checked against the manifest as it is read.

Nothing is unpacked to be checked. The manifest and its signature, at the front of the archive,
are read into memory (both bounded in size) and the signature checked before the manifest is
even parsed. Each member after them must be a plain file the manifest lists, not seen before,
whose size in its tar header is the size the manifest declares: a member larger than declared,
a decompression bomb among them, is refused at its header, before a byte of it is decompressed.
Its bytes are then hashed as the caller reads them; reading them to the end checks the checksum.
All the while, the decompressed stream is cut off at what the manifest accounts for, so
no header (a pax or GNU long-name record holds its data in memory) can make the reader
decompress or hold more. What an archive holds: embassy/operations/archive.py.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from embassy.operations.archive import (
    CHUNK,
    FORMAT,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    VERSION,
    BackupError,
    is_authentic,
    is_safe_member_name,
    signing_keys,
)

BLOCK = tarfile.BLOCKSIZE
# Room for what precedes the manifest's and the signature's content: their headers.
HEAD_HEADERS = 8 * BLOCK
# The end of an archive: tarfile reads one block of zeros, after a one-byte read that checks the
# last member is whole.
END = 2 * BLOCK
KEY_SETTINGS = ("BACKUP_KEY", "SECRET_KEY", "SECRET_KEY_FALLBACKS")
READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


def _blocks(size: int) -> int:
    return -(-size // BLOCK) * BLOCK


def header_room(name: str) -> int:
    """The most a member's headers take: its own block, and a pax record (a block and the
    record's data) when its name is long or not ASCII, or its size above 8 GiB."""
    return 2 * BLOCK + _blocks(len(name.encode()) + 64)


class _Cutoff:
    """The decompressed tar stream, which tarfile reads through this: past `limit` bytes it
    raises instead, and it serves no single read over CHUNK (members are read in chunks no larger;
    only a header record could ask for more, and none of an archive of ours comes close)."""

    def __init__(self, source: gzip.GzipFile, limit: int):
        self.source = source
        self.limit = limit

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > CHUNK or self.source.tell() + size > self.limit:
            raise BackupError("The archive holds more than its manifest accounts for.")
        with _readable(self.source.name):
            return self.source.read(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET or offset > self.limit:
            raise BackupError("The archive holds more than its manifest accounts for.")
        with _readable(self.source.name):
            return self.source.seek(offset)

    def tell(self) -> int:
        return self.source.tell()

    def seekable(self) -> bool:
        return True


@contextlib.contextmanager
def _readable(path: Any) -> Iterator[None]:
    try:
        yield
    except READ_ERRORS as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from error


class MemberStream(io.RawIOBase):
    """One member's bytes as they come out of the archive, counted and hashed on the way.

    Reading past the size the manifest declares raises BackupError; so does reaching the end
    with bytes other than those it declares. Not seekable: it is read once, front to back.
    """

    def __init__(self, path: Path, name: str, source: IO[bytes], declared: dict[str, Any]):
        self.path = path
        self.name = name
        self.source = source
        self.declared_size: int = declared["size"]
        self.declared_sha256: str = declared["sha256"]
        self.sha256 = hashlib.sha256()
        self.size = 0
        self.checked = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self.readall()
        with _readable(self.path):
            data = self.source.read(min(size, CHUNK))
        self.size += len(data)
        if self.size > self.declared_size:
            raise BackupError(f"{self.name} is larger than its manifest declares.")
        self.sha256.update(data)
        if not data and size and not self.checked:
            self._check()
        return data

    def _check(self) -> None:
        self.checked = True
        if self.size != self.declared_size or self.sha256.hexdigest() != self.declared_sha256:
            raise BackupError(f"{self.name} is damaged: its checksum differs from the manifest's.")

    def drain(self) -> None:
        """Read what the caller left, checking it: the member is then verified."""
        while self.read(CHUNK):
            pass


class ArchiveReader:
    """One pass over an archive: `manifest`, authenticated, then `members()`."""

    def __init__(self, path: Path, tar: tarfile.TarFile, cutoff: _Cutoff):
        self.path = path
        self.tar = tar
        self.cutoff = cutoff
        self.manifest = self._read_head()

    def _next(self) -> tarfile.TarInfo | None:
        with _readable(self.path):
            return self.tar.next()

    def _content(self, member: tarfile.TarInfo) -> IO[bytes]:
        source = self.tar.extractfile(member)
        if source is None:  # not a file: the callers let only plain files through
            raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")
        return source

    def _read_small(self, name: str, limit: int) -> bytes | None:
        """The content of the next member when it is `name`, a plain file of `limit` bytes at
        most; None when it is something else."""
        member = self._next()
        if member is None or member.name != name or not _is_plain_file(member):
            return None
        if member.size > limit:
            raise BackupError(f"{self.path}'s {name} is too large to be ours.")
        source = self._content(member)
        with _readable(self.path):
            return b"".join(iter(lambda: source.read(CHUNK), b""))

    def _read_head(self) -> dict[str, Any]:
        manifest = self._read_small(MANIFEST, MAX_MANIFEST_BYTES)
        if manifest is None:
            raise BackupError(
                f"{self.path} does not start with a signed manifest: it is not an embassy "
                "backup, or one made before backups were signed (format 1), which cannot be "
                "authenticated and is not restored. Restore such an archive, if you trust where "
                "it was kept, with the code it was made with, then take a new backup."
            )
        signature = self._read_small(SIGNATURE, MAX_SIGNATURE_BYTES)
        try:
            signed = json.loads(signature) if signature is not None else None
        except ValueError:
            signed = {}
        if not isinstance(signed, dict) or not is_authentic(manifest, signed):
            raise self._not_authentic(signed)
        content = json.loads(manifest)
        if not isinstance(content, dict) or content.get("format") != FORMAT:
            raise BackupError(f"{self.path} is not an embassy backup.")
        if content.get("version") != VERSION:
            raise BackupError(
                f"{self.path} is a backup of format version {content.get('version')}; this code "
                f"reads version {VERSION}."
            )
        files = content["files"]
        unsafe = [name for name in files if not is_safe_member_name(name)]
        if unsafe or MANIFEST in files or SIGNATURE in files:
            raise BackupError(f"{self.path}'s manifest lists unexpected entries: {unsafe[:5]}.")
        # From here on the stream holds the members' headers and contents, and their end.
        self.cutoff.limit = (
            self.tar.offset
            + END
            + sum(header_room(name) + _blocks(entry["size"]) for name, entry in files.items())
        )
        return content

    def _not_authentic(self, signature: Any) -> BackupError:
        if signature is None:
            return BackupError(f"{self.path} is not authentic: it has no signature.")
        keys = " or ".join(dict(signing_keys()))
        # Only a name we know: the rest of the signature member is anyone's text.
        named = signature.get("key") if isinstance(signature, dict) else None
        made_with = f" (its signature names {named})" if named in KEY_SETTINGS else ""
        return BackupError(
            f"{self.path} is not authentic: its signature does not match its manifest under "
            f"this installation's {keys}. It was edited after it was made, or made with another "
            f"key{made_with}. If you trust the archive and have the key it was made with, run "
            "this command with that key in its environment (BACKUP_KEY=... or SECRET_KEY=...)."
        )

    def members(self) -> Iterator[MemberStream]:
        """Each member in turn, as a stream checked while it is read; once the caller asks for
        the next one, the last is drained and checked. Raises BackupError at the first member
        that is not as the manifest says, and at the end if one it lists is missing."""
        files = self.manifest["files"]
        seen: set[str] = set()
        while (member := self._next()) is not None:
            name = member.name
            if not _is_plain_file(member) or not is_safe_member_name(name):
                raise BackupError(f"The archive holds an unexpected entry: {name!r}.")
            if name in seen:
                raise BackupError(f"The archive holds {name!r} twice.")
            if name not in files:
                raise BackupError(f"The archive holds {name!r}, which is not in the manifest.")
            seen.add(name)
            declared = files[name]["size"]
            if member.size != declared:
                more_or_less = "more" if member.size > declared else "less"
                raise BackupError(
                    f"{name} is {member.size:,} bytes in the archive, {more_or_less} than the "
                    f"{declared:,} its manifest declares."
                )
            stream = MemberStream(self.path, name, self._content(member), files[name])
            yield stream
            stream.drain()
        if missing := sorted(set(files) - seen):
            raise BackupError(
                f"{self.path} is incomplete; missing: {', '.join(missing[:5])}"
                f"{' …' if len(missing) > 5 else ''}."
            )


def _is_plain_file(member: tarfile.TarInfo) -> bool:
    # Not isfile(): that counts GNU sparse files in, whose data is a map of holes.
    return member.type in (tarfile.REGTYPE, tarfile.AREGTYPE)


@contextlib.contextmanager
def open_archive(path: Path) -> Iterator[ArchiveReader]:
    """The archive at `path`, its manifest authenticated, for one pass over its members."""
    # Only the archive's own reading turns errors into "not readable": not what the caller
    # does with its members meanwhile (a full disk while storing one is no fault of the archive).
    with contextlib.ExitStack() as stack:
        with _readable(path):
            file = stack.enter_context(path.open("rb"))
            source = stack.enter_context(gzip.GzipFile(fileobj=file))
            cutoff = _Cutoff(source, MAX_MANIFEST_BYTES + MAX_SIGNATURE_BYTES + HEAD_HEADERS)
            tar = stack.enter_context(tarfile.open(fileobj=cutoff, mode="r:"))  # type: ignore[call-overload]
        yield ArchiveReader(path, tar, cutoff)


def verify_archive(path: Path) -> dict[str, Any]:
    """Stream the whole archive once, checking every member, writing nothing anywhere. Returns
    the manifest; raises BackupError when the archive is not authentic or not as it says."""
    with open_archive(path) as archive:
        for member in archive.members():
            member.drain()
        return archive.manifest
