"""Installed base and warranty (产品档案、三包/保修、报价)."""
