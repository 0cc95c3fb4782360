"""Publication: numbered editions of approved standards, their official act, the registry.

Publication depends on standards (drafting), never the reverse.
"""
