"""The dashboard: layout model, xlsxwriter renderer, data sheets, PDF export."""
