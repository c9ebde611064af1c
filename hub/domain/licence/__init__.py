"""The shop's licence and AMC standing as the owner sees it."""
