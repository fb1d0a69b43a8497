import CLibXlsxWriter

/// The cell formats one workbook uses, made once per workbook.
struct XLSXFormats {
    let title: UnsafeMutablePointer<lxw_format>
    let note: UnsafeMutablePointer<lxw_format>
    let warning: UnsafeMutablePointer<lxw_format>
    let header: UnsafeMutablePointer<lxw_format>
    let text: UnsafeMutablePointer<lxw_format>
    let number: UnsafeMutablePointer<lxw_format>
    let date: UnsafeMutablePointer<lxw_format>
    let totalText: UnsafeMutablePointer<lxw_format>
    let totalNumber: UnsafeMutablePointer<lxw_format>
    let totalDate: UnsafeMutablePointer<lxw_format>
    /// Whether dates are written as `dd.MM.yyyy` text instead of date cells.
    let datesAsText: Bool

    init(workbook: UnsafeMutablePointer<lxw_workbook>, datesAsText: Bool) {
        func make(_ setup: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
            let format = workbook_add_format(workbook)!
            setup(format)
            return format
        }
        let thin = UInt8(LXW_BORDER_THIN.rawValue)
        let top = UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
        let left = UInt8(LXW_ALIGN_LEFT.rawValue)
        func cell(_ format: UnsafeMutablePointer<lxw_format>) {
            format_set_border(format, thin)
            format_set_align(format, top)
        }
        func total(_ format: UnsafeMutablePointer<lxw_format>) {
            cell(format)
            format_set_bold(format)
            format_set_bg_color(format, 0xF2F2F2)
        }
        title = make {
            format_set_bold($0)
            format_set_font_size($0, 14)
            format_set_align($0, top)
        }
        note = make {
            format_set_text_wrap($0)
            format_set_align($0, top)
        }
        warning = make {
            format_set_bold($0)
            format_set_font_color($0, 0xC00000)
            format_set_text_wrap($0)
            format_set_align($0, top)
        }
        header = make {
            cell($0)
            format_set_bold($0)
            format_set_text_wrap($0)
            format_set_bg_color($0, 0xD9D9D9)
        }
        text = make {
            cell($0)
            format_set_text_wrap($0)
        }
        number = make { cell($0) }
        date = make {
            cell($0)
            format_set_num_format($0, "dd.mm.yyyy")
            format_set_align($0, left)
        }
        totalText = make {
            total($0)
            format_set_text_wrap($0)
        }
        totalNumber = make { total($0) }
        totalDate = make {
            total($0)
            format_set_num_format($0, "dd.mm.yyyy")
            format_set_align($0, left)
        }
        self.datesAsText = datesAsText
    }
}
