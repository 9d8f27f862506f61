# SPDX-License-Identifier: EUPL-1.2
"""Operations: supply-chain audit, backup and restore, retention (bewaartermijnen) and the processing register.

These run beside the registry rather than inside it: they read whole tables, call local database tools and
write files outside the database. The faces (``zicht backup``, ``zicht restore``, ``zicht bewaartermijn``,
``zicht inzage``) are thin commands over this package.
"""
