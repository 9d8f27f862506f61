# SPDX-License-Identifier: EUPL-1.2
"""Privacy by design: the identity vault, keyed pseudonyms, the logboek (audit) and disclosure control."""
