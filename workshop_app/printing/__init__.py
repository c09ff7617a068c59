"""Paper the room can take home, Qt-free: participant cards, the welcome sheet, the results
sheet and the workshop report, built with reportlab from what core returns (never SQL).

Each document has a loader that takes a Session (`load_cards`, `load_results_sheet`,
`load_report`, or a WorkshopInfo for the welcome sheet) and a renderer that turns the loaded
data into PDF bytes; `output.write_pdf` saves them atomically. The app renders off the main
thread from the loaded data; the command line does the same in one go.
"""
