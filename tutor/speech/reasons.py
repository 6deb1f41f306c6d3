"""The messages that tell a person why speech is silent and how to turn it on."""

from __future__ import annotations

from tutor.speech.types import Availability, AvailabilityCode

_PIP = "pip install 'tutor[speech]'"
_APT_ESPEAK = "sudo apt install espeak-ng"
_APT_PLAYER = "sudo apt install alsa-utils"

_MESSAGES: dict[AvailabilityCode, tuple[str, str]] = {
    AvailabilityCode.NO_PYTTSX3: (
        f"Speech is off: the speech extra is not installed. Run: {_PIP} (and {_APT_ESPEAK}).",
        f"Озвучка выключена: не установлен модуль речи. Выполните: {_PIP} (и {_APT_ESPEAK}).",
    ),
    AvailabilityCode.NO_ESPEAK: (
        f"Speech is off: the espeak-ng speech engine is missing. Run: {_APT_ESPEAK}",
        f"Озвучка выключена: нет синтезатора речи espeak-ng. Выполните: {_APT_ESPEAK}",
    ),
    AvailabilityCode.NO_PLAYER: (
        f"Speech is off: no audio player (aplay, paplay, ffplay) was found. Run: {_APT_PLAYER}",
        "Озвучка выключена: не найден проигрыватель звука (aplay, paplay, ffplay). "
        f"Выполните: {_APT_PLAYER}",
    ),
    AvailabilityCode.NO_AUDIO_DEVICE: (
        "Speech is off: no sound card or sound server was found. Connect an audio device or "
        "start PulseAudio/PipeWire, then restart tutor.",
        "Озвучка выключена: не найдена звуковая карта или звуковой сервер. Подключите "
        "звуковое устройство или запустите PulseAudio/PipeWire и перезапустите tutor.",
    ),
    AvailabilityCode.PLAYER_FAILED: (
        "Speech is off: the audio player failed. "
        "Check that sound works (try: speaker-test -t wav).",
        "Озвучка выключена: проигрыватель звука завершился с ошибкой. Проверьте звук "
        "(например: speaker-test -t wav).",
    ),
    AvailabilityCode.NO_VOICE: (
        f"Speech is off: espeak-ng has no voice for this language. Run: {_APT_ESPEAK}",
        f"Озвучка выключена: в espeak-ng нет голоса для этого языка. Выполните: {_APT_ESPEAK}",
    ),
    AvailabilityCode.SYNTHESIS_FAILED: (
        f"Speech is off: the speech engine produced no audio. Reinstall it: {_APT_ESPEAK}",
        f"Озвучка выключена: синтезатор не выдал звук. Переустановите его: {_APT_ESPEAK}",
    ),
}


def unavailable(code: AvailabilityCode, detail: str | None = None) -> Availability:
    """Build the Availability for a failure; ``detail`` (English, technical) is appended."""
    en, ru = _MESSAGES[code]
    if detail:
        en = f"{en} ({detail})"
        ru = f"{ru} ({detail})"
    return Availability(ok=False, code=code.value, message_en=en, message_ru=ru)


def available(engine: str, player: str) -> Availability:
    """Build the Availability that says speech is on, naming what does the work."""
    return Availability(
        ok=True,
        code=AvailabilityCode.OK.value,
        message_en=f"Speech is on ({engine}, played with {player}).",
        message_ru=f"Озвучка включена ({engine}, проигрыватель {player}).",
    )
