"""The platform operator's work: shops (tenants), their plans, standing and usage."""
