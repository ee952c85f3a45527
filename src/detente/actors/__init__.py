"""Political actors: the knowledge base of who can act, and (elsewhere in this package) the
resolution of how a text names them.

The knowledge base (:mod:`detente.actors.kb`) is data, not code: states, armed groups,
movements, intergovernmental bodies, governments with their periods, people with their
offices and terms, and the CAMEO/PLOVER sectors, all in ``data/*.yaml`` and extensible by a
user's own YAML files. See ``data/README.md`` for the schema.
"""
