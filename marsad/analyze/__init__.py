"""marsad.analyze"""
