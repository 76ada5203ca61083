"""The library of true stories and tips from the essays in seeds/."""
