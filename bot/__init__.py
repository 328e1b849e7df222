"""The composition root. aiogram is imported lean first (bot/lean_aiogram.py)."""

from bot.lean_aiogram import install as _install_lean_aiogram

_install_lean_aiogram()
