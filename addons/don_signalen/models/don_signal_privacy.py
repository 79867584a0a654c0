# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, models


class DonSignal(models.Model):
    """Privacy lifecycle of signals (hooks of don_core's don.privacy).

    A signal that concerned only the young person being erased is anonymised
    or deleted with them. A signal that also concerns other young people
    stays for them: it loses only the link to this young person and their
    name in its texts.
    """

    _inherit = "don.signal"

    _don_privacy_fields = (
        "name",
        "description",
        "youth_description",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "location",
        "outcome_reason",
    )
    _don_privacy_text_fields = ("name", "description", "youth_description", "outcome_reason")
    # Where the retention job looks for a young person's name in signals of
    # other young people (not the reference, e-mail address, phone number or
    # mail error).
    _don_name_fields = (*_don_privacy_text_fields, "location", "reporter_name")

    def _don_privacy_own(self, youth):
        return self.filtered(lambda s: not (s.youth_ids - youth))

    @staticmethod
    def _don_replace_names(text, names, placeholder):
        for name in names:
            if text and name and len(name.strip()) >= 4:
                text = re.sub(re.escape(name.strip()), placeholder, text, flags=re.IGNORECASE)
        return text

    def _don_privacy_erase(self, youth, mode):
        own = self._don_privacy_own(youth)
        placeholder = _("[anonymised]")
        for signal in self - own:
            vals = {"youth_ids": [(3, youth.id)]}
            for fname in self._don_privacy_text_fields:
                new = self._don_replace_names(signal[fname], [youth.name], placeholder)
                if new != signal[fname]:
                    vals[fname] = new
            signal.write(vals)
        return super(DonSignal, own)._don_privacy_erase(youth, mode)

    def _don_reporter_traces(self, youth):
        """What identifies the reporters of these signals: names, e-mail
        addresses and phone numbers of the reporter and of the contact persons
        of the reporting organisation, and those partners themselves. Parts of
        the young person's own name are never treated as the reporter's (a
        parent reporting their own child shares the surname)."""
        partners = self.reporter_partner_id
        partners |= partners.with_context(active_test=False).child_ids
        texts = set()
        for signal in self:
            texts.update(
                value.strip()
                for value in (signal.reporter_name, signal.reporter_email)
                if value and len(value.strip()) >= 3
            )
        for partner in partners:
            texts.update(
                value.strip()
                for value in (partner.name, partner.email)
                if value and len(value.strip()) >= 3
            )
        phones = {
            phone for phone in self.mapped("reporter_phone") + partners.mapped("phone") if phone
        }
        youth_words = {word.lower() for word in re.findall(r"\w+", youth.name or "")}
        words = set()
        for text in list(texts):
            if "@" in text:
                continue
            words.update(
                word
                for word in re.findall(r"\w{4,}", text)
                if word.lower() not in youth_words and not word.isdigit()
            )
        return texts, words, phones, partners

    @staticmethod
    def _don_phone_pattern(phone):
        digits = re.sub(r"\D", "", phone)
        if len(digits) < 6:
            return None
        if digits.startswith("31"):
            digits = "0" + digits[2:]
        elif digits.startswith("0031"):
            digits = "0" + digits[4:]
        rest = digits[1:] if digits.startswith("0") else digits
        body = r"[\s\-./()]*".join(re.escape(d) for d in rest)
        return r"(?:\+31|0031|0)?[\s\-./()]*" + body

    @classmethod
    def _don_hide_reporter(cls, text, traces, placeholder):
        if not text or not isinstance(text, str):
            return text
        texts, words, phones, _partners = traces
        for value in sorted(texts, key=len, reverse=True):
            text = re.sub(re.escape(value), placeholder, text, flags=re.IGNORECASE)
        for word in sorted(words, key=len, reverse=True):
            text = re.sub(
                r"(?<!\w)" + re.escape(word) + r"(?!\w)", placeholder, text, flags=re.IGNORECASE
            )
        for phone in phones:
            pattern = cls._don_phone_pattern(phone)
            if pattern:
                text = re.sub(pattern, placeholder, text)
        return text

    def _don_privacy_export(self, youth):
        """The signals as they concern the young person, never who reported
        them (AVG art. 15(4)): the reporter's name, e-mail address and phone
        number, the reporting organisation and its contact persons are left
        out of the fields, the texts, the chatter (authors, bodies, tracked
        changes) and the attachment names. The source is described by the
        channel and the kind of organisation (AVG art. 15(1)(g))."""
        result = super()._don_privacy_export(youth)
        placeholder = _("(another young person)")
        reporter = _("(the reporter)")
        org_types = dict(
            self.env["res.partner"]._fields["don_org_type"]._description_selection(self.env)
        )
        by_id = {signal.id: signal for signal in self}
        reporter_fields = {
            "reporter_name",
            "reporter_email",
            "reporter_phone",
            "feedback_failure",
        }
        reporter_tracked = reporter_fields | {"reporter_partner_id"}
        tracked_labels = {
            self._fields[name]._description_string(self.env)
            for name in reporter_tracked
            if name in self._fields
        }
        for values in result:
            signal = by_id[values["id"]]
            traces = signal._don_reporter_traces(youth)
            for key in reporter_fields:
                values.pop(key, None)
            if "reporter_partner_id" in values:
                values["reporter_partner_id"] = (
                    org_types.get(signal.reporter_partner_id.don_org_type) or _("(an organisation)")
                    if signal.reporter_partner_id
                    else None
                )
            others = signal.youth_ids - youth
            names = others.mapped("name") + others.mapped("reference")
            for key, value in values.items():
                if isinstance(value, str) and key != "reporter_partner_id":
                    value = self._don_replace_names(value, names, placeholder)
                    values[key] = self._don_hide_reporter(value, traces, reporter)
            for message in values.get("messages", []):
                for key in ("subject", "body"):
                    text = self._don_replace_names(message[key], names, placeholder)
                    message[key] = self._don_hide_reporter(text, traces, reporter)
                if message.get("author"):
                    message["author"] = self._don_hide_reporter(message["author"], traces, reporter)
                message["changes"] = [
                    {
                        key: self._don_hide_reporter(
                            self._don_replace_names(value, names, placeholder)
                            if key != "field"
                            else value,
                            traces,
                            reporter,
                        )
                        for key, value in change.items()
                    }
                    for change in message.get("changes", [])
                    if change.get("field") not in tracked_labels
                ]
            for attachment in values.get("attachments", []):
                attachment["name"] = self._don_hide_reporter(
                    attachment.get("name"), traces, reporter
                )
        return result

    def _don_privacy_export_omissions(self, youth):
        """What the export of these signals leaves out, and why (in the
        language of the privacy officer, who sends it on)."""
        omissions = []
        if self.filtered(lambda signal: not signal.is_anonymous):
            omissions.append(
                _(
                    "Who reported the signals is left out: the name, e-mail address and "
                    "telephone number of the reporter, the name of the reporting organisation "
                    "and of its contact persons, also where they appear in texts, messages "
                    "and file names (shown as '(the reporter)'). The General Data Protection "
                    "Regulation (AVG art. 15(4)) protects the rights of the people who report "
                    "a concern. The source is described by the channel and the kind of "
                    "organisation."
                )
            )
        if self.youth_ids - youth:
            omissions.append(
                _(
                    "Signals that also concern other young people are included, with the "
                    "names of those young people replaced by '(another young person)' "
                    "(AVG art. 15(4))."
                )
            )
        return omissions
