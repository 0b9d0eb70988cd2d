"""Tools for developers, not for the clinic: the synthetic clinic for load tests
(:mod:`.seed`, :mod:`.seed_worker`, :mod:`.synthetic`), the demo clinic of ``osteoload serve
--demo`` (:mod:`.demo`) and the simulation of months of training (:mod:`.simulation`).

They drive the real services, like a front end. No production layer imports this package
(an import-linter contract); the command line does, for ``osteoload seed``, ``serve --demo``
and ``simulate``. Keep this file free of imports: a spawned seed worker imports
:mod:`.seed_worker` before Django is set up.
"""
