"""The git-backed records layer: one commit per revision, a workspace lock, sign and verify.

Commands call :mod:`pbctl.records.api`; the modules below it each do one job:

* :mod:`~pbctl.records.git` is the git layer, GitPython (imported lazily) with a clean
  environment (:mod:`~pbctl.records.gitpython`): refs read from the repository's files,
  objects through one persistent ``cat-file``, plumbing through ``repo.git``;
* :mod:`~pbctl.records.lock` is the workspace write lock (``.git/pbctl.lock``);
* :mod:`~pbctl.records.journal` makes a write-then-commit all-or-nothing across crashes;
* :mod:`~pbctl.records.store` commits only the paths it is given;
* :mod:`~pbctl.records.writing` is the one write path: lock, journal, atomic writes, commit;
* :mod:`~pbctl.records.registry` is ``alliances/<id>/records.yaml`` (revisions, signatures);
* :mod:`~pbctl.definition.numbering` numbers record files; :mod:`~pbctl.records.forms` reads
  ``pbctl log`` flags and makes the $EDITOR form; YAML goes through :mod:`pbctl.definition.yamlio`;
* :mod:`~pbctl.records.initialize`, :mod:`~pbctl.records.documents`,
  :mod:`~pbctl.records.logbook`, :mod:`~pbctl.records.signing`,
  :mod:`~pbctl.records.history` do the work of the commands;
* :mod:`~pbctl.records.textconv` turns a .docx into text for ``git diff``.

Nothing here prints or exits; messages for the user come back as return values or as
``Store.notices``.
"""
