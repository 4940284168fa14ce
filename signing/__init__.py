"""The signing core: what clinical content is, its canonical digest, and the sign-off of it.

The bottom layer of the project (see docs/architecture.md): it imports no app of ours, and
every app that needs to know whether content is signed asks here.

- ``signing.content``: the single definition of what is content and what is not (ids, tree
  position, slug, owner, locks, publishing metadata), and which models are clinical.
- ``signing.digest``: the canonical form of an object's content and its SHA-256.
- ``signing.models``: ``SignedContentMixin``, which records the digest on every write.
- ``signing.signoffs``: "the sign-off of this content", the one lookup; the review app
  registers its sign-off model at ``ready()``.
"""
