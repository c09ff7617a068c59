"""The narrative editor's right-hand side: the preview as it will print, and the stories."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from workshop_app.core.participants import ParticipantInfo
from workshop_app.ui.narrative_form import ShortText


class NarrativePreview(QGroupBox):
    """The word count and the narrative as it will print."""

    def __init__(self) -> None:
        super().__init__(self.tr("Preview, as it will print"))
        self.words = QLabel()
        self.words.setObjectName("wordCount")
        self.words.setAccessibleName(self.tr("Word count"))
        self.words.setStyleSheet("font-weight: bold;")
        self.preview = QTextBrowser()
        self.preview.setObjectName("narrativePreview")
        self.preview.setAccessibleName(self.tr("Preview as it will print"))
        self.preview.setOpenLinks(False)
        self.preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(self.words)
        layout.addWidget(self.preview, 1)


class StoriesPanel(QGroupBox):
    """The stories told about a priority: the list, publish or remove the selected one, and a
    new story with who told it (consent decides what may be published). The editor acts."""

    def __init__(self, participants: list[ParticipantInfo], on_draft: Callable[..., None]) -> None:
        super().__init__(self.tr("Stories"))
        self.story_list = QListWidget()
        self.story_list.setObjectName("storyList")
        self.story_list.setAccessibleName(self.tr("Stories told about this priority"))
        self.story_list.setWordWrap(True)
        self.story_text = ShortText(self.tr("Story text"), 3)
        self.story_text.setObjectName("storyText")
        self.story_text.setPlaceholderText(self.tr("A story someone told, in their words"))
        self.story_text.textChanged.connect(on_draft)
        self.teller = QComboBox()
        self.teller.setObjectName("storyTeller")
        self.teller.setAccessibleName(self.tr("Who told it (participant code)"))
        self.teller.addItem(self.tr("Nobody named"), None)
        for p in participants:
            self.teller.addItem(p.code, p.id)
        self.teller.currentIndexChanged.connect(on_draft)
        self.publish = QCheckBox(self.tr("Mark for p&ublication"))
        self.publish.setObjectName("storyPublish")
        self.consent_note = QLabel()
        self.consent_note.setObjectName("consentNote")
        self.consent_note.setWordWrap(True)
        self.story_warnings = QLabel()
        self.story_warnings.setObjectName("storyWarnings")
        self.story_warnings.setWordWrap(True)
        self.story_warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.story_warnings.setStyleSheet(
            "color: #6B4500; background: #FFF4D6; border-radius: 4px; padding: 4px;"
        )
        self.add_story_button = QPushButton(self.tr("&Add story"))
        self.add_story_button.setObjectName("addStory")
        self._lay_out()

    def _lay_out(self) -> None:
        teller_row = QHBoxLayout()
        teller_label = QLabel(self.tr("T&old by:"))
        teller_label.setBuddy(self.teller)
        teller_row.addWidget(teller_label)
        teller_row.addWidget(self.teller, 1)
        teller_row.addWidget(self.publish)
        teller_row.addWidget(self.add_story_button)
        self.story_publish_button = QPushButton(self.tr("Publish / keep &internal"))
        self.story_publish_button.setToolTip(
            self.tr("Mark the selected story for publication, or keep it for internal use only")
        )
        self.story_remove_button = QPushButton(self.tr("Re&move story"))
        self.story_remove_button.setToolTip(self.tr("Remove the selected story (Ctrl+Z undoes)"))
        story_buttons = QHBoxLayout()
        for button in (self.story_publish_button, self.story_remove_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
            story_buttons.addWidget(button)
        story_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.story_list, 1)
        layout.addLayout(story_buttons)
        layout.addWidget(self.story_text)
        layout.addWidget(self.story_warnings)
        layout.addLayout(teller_row)
        layout.addWidget(self.consent_note)
