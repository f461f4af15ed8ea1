"""Team sync: share a records workspace through any git remote (``pbctl sync``).

``pbctl sync`` fetches, integrates and pushes in one step, under the workspace lock:

1. **fetch** the remote's branches, and its tags into a private namespace
   (``refs/pbctl/remote-tags/<remote>/``) so nothing local is overwritten by the fetch;
2. **tags**: a tag that exists on both sides with different objects is refused, loudly
   (nothing is merged or pushed: a signed revision's tag must never change); tags only the
   remote has are created here (signatures made by a colleague);
3. **integrate**: fast-forward when only the remote moved, nothing when only we did; when
   both did, first **settle numbering** (below), then make a real merge commit. The merged
   definitions and records are checked (``pbctl check``) before the merge is committed;
4. **push** the branch and pbctl's signature tags atomically (``git push --atomic``); when
   someone pushed meanwhile, fetch and integrate again (three tries).

Numbering is settled at sync, by the clone that syncs second
--------------------------------------------------------------
Meetings and activities are numbered files (``meetings/003.yaml``). Two people who work
offline may both log "meeting 3". When a sync finds, in one alliance's meetings (or
activities) folder, a record file that both sides added since they last met under the same
name with different content, it **renumbers its own, unpublished records**: the local
records added in that folder from the first clashing number on move, in their order, to the
numbers after the highest one in use on either side (``sync: renumber meeting 3 → 5
(health-chain)``, one commit). Only the ``number:`` line changes, and a ``title:`` that is
the default title of the old number (第三次联席会议) becomes that of the new one; every other
byte of the file is kept. Numbers already pushed never change, so a number once seen by a
colleague (or quoted in rendered minutes) stays valid, and after the merge every clone holds
the same files under the same numbers.

Minutes rendered locally for a renumbered meeting (``documents/minutes-003.docx``/``.pdf``
and their entry in ``records.yaml``) would carry the wrong number and title; they are
**removed** in the renumbering commit (they stay in history) and the summary says to render
them again (``pbctl render minutes ALLIANCE 5``). Signed minutes are never removed: sync
refuses to renumber such a meeting and says so.

Documents' records (``records.yaml``)
-------------------------------------
Both sides may render offline, so both change ``alliances/<id>/records.yaml``. sync sets up
a git merge driver for it (in ``.git/config`` and ``.git/info/attributes``, both local to
the clone): document kinds changed on one side only are taken from that side; a kind
changed differently on both sides is a true conflict (its .docx conflicts too).

True conflicts
--------------
Both edited the same field, or both rendered the same document: sync stops, names every
conflicted file and leaves git in its merging state (conflict markers in text files;
``git checkout --ours/--theirs FILE`` for binary ones); nothing is pushed. Resolve, ``git
add`` the files and run ``pbctl sync`` again: it checks the result, commits the merge and
pushes. ``pbctl sync --abort`` abandons the merge instead.
"""
